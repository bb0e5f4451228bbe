# VPCs, subnets, gateways, route tables, endpoints, security groups and Elastic IPs

resource "aws_vpc" "imbit_vpc" {
  cidr_block = "10.0.0.0/16"

  tags = {
    Name = "IMBIT-VPC"
  }
}

resource "aws_subnet" "public_a" {
  vpc_id                  = aws_vpc.imbit_vpc.id
  cidr_block              = "10.0.0.0/20"
  availability_zone       = "eu-central-1a"
  map_public_ip_on_launch = true

  tags = {
    Name = "public_a"
  }
}

resource "aws_subnet" "public_b" {
  vpc_id                  = aws_vpc.imbit_vpc.id
  cidr_block              = "10.0.16.0/20"
  availability_zone       = "eu-central-1b"
  map_public_ip_on_launch = true

  tags = {
    Name = "public_b"
  }
}

resource "aws_subnet" "brillianideas_private" {
  vpc_id     = aws_vpc.imbit_vpc.id
  cidr_block = "10.0.41.0/24"

  tags = {
    Name = "brillianideas_private"
  }
}

resource "aws_subnet" "brilliancrm_private" {
  vpc_id     = aws_vpc.imbit_vpc.id
  cidr_block = "10.0.42.0/24"

  tags = {
    Name = "brilliancrm_private"
  }
}

resource "aws_subnet" "brillianicm_private" {
  vpc_id     = aws_vpc.imbit_vpc.id
  cidr_block = "10.0.43.0/24"

  tags = {
    Name = "brillianicm_private"
  }
}

resource "aws_subnet" "brillianquiz_private" {
  vpc_id     = aws_vpc.imbit_vpc.id
  cidr_block = "10.0.44.0/24"

  tags = {
    Name = "brillianquiz_private"
  }
}

resource "aws_subnet" "wordpress_private" {
  vpc_id     = aws_vpc.imbit_vpc.id
  cidr_block = "10.0.45.0/24"

  tags = {
    Name = "wordpress_private"
  }
}

resource "aws_security_group" "imbit_securitygroup" {
  name        = "IMBIT-SecurityGroup"
  description = "IMBIT-SecurityGroup: HTTP and HTTPS from anywhere (IPv4 and IPv6), attached to every Beanstalk environment"
  vpc_id      = aws_vpc.imbit_vpc.id
}

resource "aws_vpc_security_group_ingress_rule" "imbit_securitygroup_tcp_80_from_anywhere" {
  security_group_id = aws_security_group.imbit_securitygroup.id
  description       = "HTTP/HTTPS from any IPv4 address"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "imbit_securitygroup_tcp_443_from_anywhere" {
  security_group_id = aws_security_group.imbit_securitygroup.id
  description       = "HTTP/HTTPS from any IPv4 address"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "imbit_securitygroup_tcp_80_from_anywhere_ipv6" {
  security_group_id = aws_security_group.imbit_securitygroup.id
  description       = "HTTP/HTTPS from any IPv6 address"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv6         = "::/0"
}

resource "aws_vpc_security_group_ingress_rule" "imbit_securitygroup_tcp_443_from_anywhere_ipv6" {
  security_group_id = aws_security_group.imbit_securitygroup.id
  description       = "HTTP/HTTPS from any IPv6 address"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv6         = "::/0"
}

resource "aws_vpc_security_group_egress_rule" "imbit_securitygroup_all_outbound" {
  security_group_id = aws_security_group.imbit_securitygroup.id
  description       = "All outbound traffic (the AWS default for a new security group)"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

# Internet gateway for the public subnets of vpc `IMBIT-VPC` (the topology declares none).
resource "aws_internet_gateway" "imbit_vpc" {
  vpc_id = aws_vpc.imbit_vpc.id

  tags = {
    Name = "IMBIT-VPC"
  }
}

# Route table of the public subnets of vpc `IMBIT-VPC` (`public = true`): the default route goes to the internet gateway.
resource "aws_route_table" "imbit_vpc_public" {
  vpc_id = aws_vpc.imbit_vpc.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.imbit_vpc.id
  }

  tags = {
    Name = "IMBIT-VPC-public"
  }
}

resource "aws_route_table_association" "public_a" {
  subnet_id      = aws_subnet.public_a.id
  route_table_id = aws_route_table.imbit_vpc_public.id
}

resource "aws_route_table_association" "public_b" {
  subnet_id      = aws_subnet.public_b.id
  route_table_id = aws_route_table.imbit_vpc_public.id
}

# VPCs, subnets, gateways, route tables, endpoints, security groups and Elastic IPs

resource "aws_vpc" "main" {
  cidr_block = var.vpc_cidr

  tags = {
    Name = "main"
  }
}

resource "aws_subnet" "public_a" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = var.subnet_a_cidr
  availability_zone       = "us-east-1a"
  map_public_ip_on_launch = true

  tags = {
    Name = "public_a"
  }
}

resource "aws_subnet" "public_b" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = var.subnet_b_cidr
  availability_zone       = "us-east-1b"
  map_public_ip_on_launch = true

  tags = {
    Name = "public_b"
  }
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id

  tags = {
    Name = "main"
  }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }

  tags = {
    Name = "public"
  }
}

resource "aws_route_table_association" "public_a" {
  subnet_id      = aws_subnet.public_a.id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table_association" "public_b" {
  subnet_id      = aws_subnet.public_b.id
  route_table_id = aws_route_table.public.id
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.us-east-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.public.id]

  tags = {
    Name = "s3"
  }
}

resource "aws_security_group" "elb" {
  name        = "elb"
  description = "ALB: public HTTP and HTTPS"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "elb_tcp_80_from_anywhere" {
  security_group_id = aws_security_group.elb.id
  description       = "ELB is visible publicly on 80 and 443"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "elb_tcp_443_from_anywhere" {
  security_group_id = aws_security_group.elb.id
  description       = "ELB is visible publicly on 80 and 443"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "elb_all_outbound" {
  security_group_id = aws_security_group.elb.id
  description       = "All outbound traffic (the AWS default for a new security group)"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group" "servers" {
  name        = "servers"
  description = "MPF servers: HTTP from the ALB, SSH from DevOps"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "servers_tcp_80_from_elb" {
  security_group_id            = aws_security_group.servers.id
  description                  = "main traffic path; SSL is terminated at the ELB"
  ip_protocol                  = "tcp"
  from_port                    = 80
  to_port                      = 80
  referenced_security_group_id = aws_security_group.elb.id
}

resource "aws_vpc_security_group_ingress_rule" "servers_tcp_22_from_devops_cidrs" {
  for_each = toset(var.devops_cidrs)

  security_group_id = aws_security_group.servers.id
  description       = "DevOps IPs that can deploy"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_egress_rule" "servers_all_outbound" {
  security_group_id = aws_security_group.servers.id
  description       = "All outbound traffic (the AWS default for a new security group)"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group" "rds" {
  name        = "rds"
  description = "RDS MySQL: 3306 from MPF servers"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "rds_tcp_3306_from_servers" {
  security_group_id            = aws_security_group.rds.id
  description                  = "from servers, for RDS"
  ip_protocol                  = "tcp"
  from_port                    = 3306
  to_port                      = 3306
  referenced_security_group_id = aws_security_group.servers.id
}

resource "aws_vpc_security_group_egress_rule" "rds_all_outbound" {
  security_group_id = aws_security_group.rds.id
  description       = "All outbound traffic (the AWS default for a new security group)"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group" "redis" {
  name        = "redis"
  description = "ElastiCache Redis: 6379 from MPF servers"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "redis_tcp_6379_from_servers" {
  security_group_id            = aws_security_group.redis.id
  description                  = "from servers, for Elasticache redis"
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  referenced_security_group_id = aws_security_group.servers.id
}

resource "aws_vpc_security_group_egress_rule" "redis_all_outbound" {
  security_group_id = aws_security_group.redis.id
  description       = "All outbound traffic (the AWS default for a new security group)"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group" "dev_servers" {
  name        = "dev_servers"
  description = "dev/test servers: prod rules plus the optional dev/test rules"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "dev_servers_tcp_80_from_elb" {
  security_group_id            = aws_security_group.dev_servers.id
  description                  = "main traffic path"
  ip_protocol                  = "tcp"
  from_port                    = 80
  to_port                      = 80
  referenced_security_group_id = aws_security_group.elb.id
}

resource "aws_vpc_security_group_ingress_rule" "dev_servers_tcp_22_from_devops_cidrs" {
  for_each = toset(var.devops_cidrs)

  security_group_id = aws_security_group.dev_servers.id
  description       = "DevOps IPs"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_ingress_rule" "dev_servers_tcp_80_from_54_224_0_0_11" {
  security_group_id = aws_security_group.dev_servers.id
  description       = "optional: Route 53 health check pings"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = "54.224.0.0/11"
}

resource "aws_vpc_security_group_ingress_rule" "dev_servers_tcp_443_from_elb" {
  security_group_id            = aws_security_group.dev_servers.id
  description                  = "optional: SSL passed through the ELB"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.elb.id
}

resource "aws_vpc_security_group_ingress_rule" "dev_servers_tcp_8000_8999_from_devops_cidrs" {
  for_each = toset(var.devops_cidrs)

  security_group_id = aws_security_group.dev_servers.id
  description       = "local dev serving (8000+)"
  ip_protocol       = "tcp"
  from_port         = 8000
  to_port           = 8999
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_egress_rule" "dev_servers_all_outbound" {
  security_group_id = aws_security_group.dev_servers.id
  description       = "All outbound traffic (the AWS default for a new security group)"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_eip" "dev" {
  domain   = "vpc"
  instance = aws_instance.dev.id

  tags = {
    Name = "dev"
  }
}

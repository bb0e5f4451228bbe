# VPCs, subnets, gateways, route tables, endpoints, security groups and Elastic IPs

resource "aws_vpc" "osmt" {
  cidr_block = "192.168.100.0/24"

  tags = {
    Name = "osmt"
  }
}

resource "aws_subnet" "private_a" {
  vpc_id            = aws_vpc.osmt.id
  cidr_block        = "192.168.100.0/27"
  availability_zone = "us-west-2a"

  tags = {
    Name = "private_a"
  }
}

resource "aws_subnet" "private_b" {
  vpc_id            = aws_vpc.osmt.id
  cidr_block        = "192.168.100.64/27"
  availability_zone = "us-west-2b"

  tags = {
    Name = "private_b"
  }
}

resource "aws_subnet" "public_a" {
  vpc_id                  = aws_vpc.osmt.id
  cidr_block              = "192.168.100.128/27"
  availability_zone       = "us-west-2a"
  map_public_ip_on_launch = true

  tags = {
    Name = "public_a"
  }
}

resource "aws_subnet" "public_b" {
  vpc_id                  = aws_vpc.osmt.id
  cidr_block              = "192.168.100.192/27"
  availability_zone       = "us-west-2b"
  map_public_ip_on_launch = true

  tags = {
    Name = "public_b"
  }
}

resource "aws_internet_gateway" "osmt" {
  vpc_id = aws_vpc.osmt.id

  tags = {
    Name = "osmt"
  }
}

# Elastic IP of nat_gateway `a`
resource "aws_eip" "a" {
  domain = "vpc"

  tags = {
    Name = "a"
  }
}

resource "aws_nat_gateway" "a" {
  subnet_id     = aws_subnet.public_a.id
  allocation_id = aws_eip.a.allocation_id

  tags = {
    Name = "a"
  }

  depends_on = [aws_internet_gateway.osmt]
}

# Elastic IP of nat_gateway `b`
resource "aws_eip" "b" {
  domain = "vpc"

  tags = {
    Name = "b"
  }
}

resource "aws_nat_gateway" "b" {
  subnet_id     = aws_subnet.public_b.id
  allocation_id = aws_eip.b.allocation_id

  tags = {
    Name = "b"
  }

  depends_on = [aws_internet_gateway.osmt]
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.osmt.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.osmt.id
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

resource "aws_route_table" "private_a" {
  vpc_id = aws_vpc.osmt.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.a.id
  }

  tags = {
    Name = "private_a"
  }
}

resource "aws_route_table_association" "private_a" {
  subnet_id      = aws_subnet.private_a.id
  route_table_id = aws_route_table.private_a.id
}

resource "aws_route_table" "private_b" {
  vpc_id = aws_vpc.osmt.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.b.id
  }

  tags = {
    Name = "private_b"
  }
}

resource "aws_route_table_association" "private_b" {
  subnet_id      = aws_subnet.private_b.id
  route_table_id = aws_route_table.private_b.id
}

resource "aws_security_group" "alb" {
  name        = "osmt-test-alb"
  description = "OSMT load balancer: HTTPS and the HTTP redirect from the internet"
  vpc_id      = aws_vpc.osmt.id
}

resource "aws_vpc_security_group_ingress_rule" "alb_tcp_80_from_anywhere" {
  security_group_id = aws_security_group.alb.id
  description       = "HTTP (redirected) and HTTPS from the internet"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "alb_tcp_443_from_anywhere" {
  security_group_id = aws_security_group.alb.id
  description       = "HTTP (redirected) and HTTPS from the internet"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "alb_all_outbound" {
  security_group_id = aws_security_group.alb.id
  description       = "All outbound traffic (the AWS default for a new security group)"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group" "ecs" {
  name        = "osmt-test-ecs"
  description = "OSMT Fargate tasks: app on 80 from the ALB, Elasticsearch on 9200 between tasks"
  vpc_id      = aws_vpc.osmt.id
}

resource "aws_vpc_security_group_ingress_rule" "ecs_tcp_80_from_alb" {
  security_group_id            = aws_security_group.ecs.id
  description                  = "HTTP from the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = 80
  to_port                      = 80
  referenced_security_group_id = aws_security_group.alb.id
}

resource "aws_vpc_security_group_ingress_rule" "ecs_tcp_9200_from_self" {
  security_group_id            = aws_security_group.ecs.id
  description                  = "Elasticsearch from the app tasks (same group)"
  ip_protocol                  = "tcp"
  from_port                    = 9200
  to_port                      = 9200
  referenced_security_group_id = aws_security_group.ecs.id
}

resource "aws_vpc_security_group_egress_rule" "ecs_all_outbound" {
  security_group_id = aws_security_group.ecs.id
  description       = "All outbound traffic (the AWS default for a new security group)"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group" "mysql" {
  name        = "osmt-test-mysql"
  description = "OSMT RDS MySQL"
  vpc_id      = aws_vpc.osmt.id
}

resource "aws_vpc_security_group_ingress_rule" "mysql_tcp_3306_from_ecs" {
  security_group_id            = aws_security_group.mysql.id
  description                  = "MySQL from the app tasks"
  ip_protocol                  = "tcp"
  from_port                    = 3306
  to_port                      = 3306
  referenced_security_group_id = aws_security_group.ecs.id
}

resource "aws_vpc_security_group_egress_rule" "mysql_all_outbound" {
  security_group_id = aws_security_group.mysql.id
  description       = "All outbound traffic (the AWS default for a new security group)"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group" "redis" {
  name        = "osmt-test-redis"
  description = "OSMT ElastiCache Redis"
  vpc_id      = aws_vpc.osmt.id
}

resource "aws_vpc_security_group_ingress_rule" "redis_tcp_6379_from_ecs" {
  security_group_id            = aws_security_group.redis.id
  description                  = "Redis from the app tasks"
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  referenced_security_group_id = aws_security_group.ecs.id
}

resource "aws_vpc_security_group_egress_rule" "redis_all_outbound" {
  security_group_id = aws_security_group.redis.id
  description       = "All outbound traffic (the AWS default for a new security group)"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

# VPCs, subnets, gateways, route tables, endpoints, security groups and Elastic IPs

resource "aws_security_group" "postgresql_anywhere_default_vpc" {
  name        = "postgresql-anywhere"
  description = "Allows PostgreSQL connections from anywhere"
}

resource "aws_vpc_security_group_ingress_rule" "postgresql_anywhere_default_vpc_tcp_5432_from_anywhere" {
  security_group_id = aws_security_group.postgresql_anywhere_default_vpc.id
  description       = "PostgreSQL from anywhere"
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "postgresql_anywhere_default_vpc_all_outbound" {
  security_group_id = aws_security_group.postgresql_anywhere_default_vpc.id
  description       = "All outbound traffic (the AWS default for a new security group)"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc" "aurora" {
  cidr_block = "10.0.0.0/16"

  tags = {
    Name = "aurora"
  }
}

resource "aws_subnet" "aurora_a" {
  vpc_id            = aws_vpc.aurora.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "us-east-1a"

  tags = {
    Name = "aurora_a"
  }
}

resource "aws_subnet" "aurora_b" {
  vpc_id            = aws_vpc.aurora.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = "us-east-1b"

  tags = {
    Name = "aurora_b"
  }
}

resource "aws_security_group" "postgresql_anywhere" {
  name        = "postgresql-anywhere"
  description = "Allows PostgreSQL connections from anywhere"
  vpc_id      = aws_vpc.aurora.id
}

resource "aws_vpc_security_group_ingress_rule" "postgresql_anywhere_tcp_5432_from_anywhere" {
  security_group_id = aws_security_group.postgresql_anywhere.id
  description       = "PostgreSQL from anywhere"
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "postgresql_anywhere_all_outbound" {
  security_group_id = aws_security_group.postgresql_anywhere.id
  description       = "All outbound traffic (the AWS default for a new security group)"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

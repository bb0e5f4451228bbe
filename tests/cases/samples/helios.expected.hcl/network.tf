# VPCs, subnets, gateways, route tables, endpoints, security groups and Elastic IPs

resource "aws_security_group" "helios" {
  name        = "helios"
  description = "Helios server: SSH, HTTP, HTTPS and PostgreSQL"
}

resource "aws_vpc_security_group_ingress_rule" "helios_tcp_22_from_anywhere" {
  security_group_id = aws_security_group.helios.id
  description       = "SSH (the launch wizard's default rule)"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "helios_tcp_80_from_anywhere" {
  security_group_id = aws_security_group.helios.id
  description       = "HTTP (nginx; redirects to HTTPS)"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "helios_tcp_443_from_anywhere" {
  security_group_id = aws_security_group.helios.id
  description       = "HTTPS (nginx with a Let's Encrypt certificate)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "helios_tcp_5432_from_anywhere" {
  security_group_id = aws_security_group.helios.id
  description       = "PostgreSQL on the instance"
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "helios_all_outbound" {
  security_group_id = aws_security_group.helios.id
  description       = "All outbound traffic (the AWS default for a new security group)"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_eip" "helios" {
  domain   = "vpc"
  instance = aws_instance.helios.id

  tags = {
    Name = "helios"
  }
}

# VPCs, subnets, gateways, route tables, endpoints, security groups and Elastic IPs

resource "aws_security_group" "web" {
  name        = "web-$${env}"
  description = "Grüße aus Zürich: 50% off %%{ if true }\ttab\nnewline"
}

resource "aws_vpc_security_group_ingress_rule" "web_tcp_443_from_anywhere" {
  security_group_id = aws_security_group.web.id
  description       = "HTTPS \u202eevil\u202c text"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "web_all_outbound" {
  security_group_id = aws_security_group.web.id
  description       = "All outbound traffic (the AWS default for a new security group)"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

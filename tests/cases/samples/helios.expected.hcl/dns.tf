# Route 53 hosted zones and records

# Hosted zone of the domain: Route 53 Domains created it when the domain was registered.
data "aws_route53_zone" "helios" {
  name         = var.domain
  private_zone = false
}

resource "aws_route53_record" "helios" {
  zone_id = data.aws_route53_zone.helios.zone_id
  name    = "helios.${data.aws_route53_zone.helios.name}"
  type    = "A"
  ttl     = 300
  records = [aws_eip.helios.public_ip]
}

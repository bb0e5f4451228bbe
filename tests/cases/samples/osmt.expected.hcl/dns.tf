# Route 53 hosted zones and records

resource "aws_route53_zone" "osmt" {
  name    = var.domain
  comment = "OSMT public hosted zone"
}

resource "aws_route53_record" "app" {
  zone_id = aws_route53_zone.osmt.zone_id
  name    = aws_route53_zone.osmt.name
  type    = "A"

  alias {
    name                   = aws_lb.osmt.dns_name
    zone_id                = aws_lb.osmt.zone_id
    evaluate_target_health = false
  }
}

# Route 53 hosted zones and records

resource "aws_route53_zone" "main" {
  name    = var.domain
  comment = "Vueocity main zone"
}

resource "aws_route53_record" "main_primary" {
  zone_id        = aws_route53_zone.main.zone_id
  name           = aws_route53_zone.main.name
  type           = "A"
  set_identifier = "elb"

  alias {
    name                   = aws_lb.main.dns_name
    zone_id                = aws_lb.main.zone_id
    evaluate_target_health = true
  }

  failover_routing_policy {
    type = "PRIMARY"
  }
}

resource "aws_route53_record" "main_secondary" {
  zone_id        = aws_route53_zone.main.zone_id
  name           = aws_route53_zone.main.name
  type           = "A"
  set_identifier = "cloudfront"

  alias {
    name                   = aws_cloudfront_distribution.public.domain_name
    zone_id                = aws_cloudfront_distribution.public.hosted_zone_id
    evaluate_target_health = false
  }

  failover_routing_policy {
    type = "SECONDARY"
  }
}

resource "aws_route53_record" "public_cdn" {
  zone_id = aws_route53_zone.main.zone_id
  name    = var.public_cdn_host
  type    = "A"

  alias {
    name                   = aws_cloudfront_distribution.public.domain_name
    zone_id                = aws_cloudfront_distribution.public.hosted_zone_id
    evaluate_target_health = false
  }
}

resource "aws_route53_record" "protected_cdn" {
  zone_id = aws_route53_zone.main.zone_id
  name    = var.protected_cdn_host
  type    = "A"

  alias {
    name                   = aws_cloudfront_distribution.protected.domain_name
    zone_id                = aws_cloudfront_distribution.protected.hosted_zone_id
    evaluate_target_health = false
  }
}

resource "aws_route53_record" "dev" {
  zone_id = aws_route53_zone.main.zone_id
  name    = var.dev_subdomain
  type    = "A"
  ttl     = 300
  records = [aws_eip.dev.public_ip]
}

# CloudFront distributions, ACM certificates and WAF

resource "aws_acm_certificate" "osmt" {
  domain_name               = var.domain
  subject_alternative_names = [var.domain_wildcard]
  validation_method         = "DNS"
  key_algorithm             = "RSA_2048"

  lifecycle {
    create_before_destroy = true
  }
}

# DNS validation records of certificate `osmt`
resource "aws_route53_record" "osmt_validation" {
  for_each = {
    for dvo in aws_acm_certificate.osmt.domain_validation_options : dvo.domain_name => {
      name   = dvo.resource_record_name
      record = dvo.resource_record_value
      type   = dvo.resource_record_type
    }
  }

  allow_overwrite = true
  zone_id         = aws_route53_zone.osmt.zone_id
  name            = each.value.name
  type            = each.value.type
  ttl             = 60
  records         = [each.value.record]
}

resource "aws_acm_certificate_validation" "osmt" {
  certificate_arn         = aws_acm_certificate.osmt.arn
  validation_record_fqdns = [for record in aws_route53_record.osmt_validation : record.fqdn]
}

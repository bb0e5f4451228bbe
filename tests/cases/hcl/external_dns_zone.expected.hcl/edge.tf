# CloudFront distributions, ACM certificates and WAF

resource "aws_acm_certificate" "portal" {
  domain_name       = "portal.corp.example"
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

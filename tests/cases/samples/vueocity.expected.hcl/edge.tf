# CloudFront distributions, ACM certificates and WAF

resource "aws_acm_certificate" "elb" {
  domain_name       = var.domain
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

# DNS validation records of certificate `elb`
resource "aws_route53_record" "elb_validation" {
  for_each = {
    for dvo in aws_acm_certificate.elb.domain_validation_options : dvo.domain_name => {
      name   = dvo.resource_record_name
      record = dvo.resource_record_value
      type   = dvo.resource_record_type
    }
  }

  allow_overwrite = true
  zone_id         = aws_route53_zone.main.zone_id
  name            = each.value.name
  type            = each.value.type
  ttl             = 60
  records         = [each.value.record]
}

resource "aws_acm_certificate_validation" "elb" {
  certificate_arn         = aws_acm_certificate.elb.arn
  validation_record_fqdns = [for record in aws_route53_record.elb_validation : record.fqdn]
}

resource "aws_cloudfront_origin_access_identity" "mpf" {
  comment = "MPF: one OAI for every bucket and behavior"
}

resource "aws_cloudfront_public_key" "signing" {
  name        = "signing"
  encoded_key = var.cloudfront_public_key
  comment     = "verifies MPF signed URLs"
}

resource "aws_cloudfront_key_group" "signing" {
  name    = "signing"
  items   = [aws_cloudfront_public_key.signing.id]
  comment = "MPF signed URLs for the PROTECTED distribution"
}

resource "aws_acm_certificate" "cloudfront" {
  domain_name               = var.cloudfront_wildcard_domain
  subject_alternative_names = [var.domain]
  validation_method         = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

# DNS validation records of certificate `cloudfront`
resource "aws_route53_record" "cloudfront_validation" {
  for_each = {
    for dvo in aws_acm_certificate.cloudfront.domain_validation_options : dvo.domain_name => {
      name   = dvo.resource_record_name
      record = dvo.resource_record_value
      type   = dvo.resource_record_type
    }
  }

  allow_overwrite = true
  zone_id         = aws_route53_zone.main.zone_id
  name            = each.value.name
  type            = each.value.type
  ttl             = 60
  records         = [each.value.record]
}

resource "aws_acm_certificate_validation" "cloudfront" {
  certificate_arn         = aws_acm_certificate.cloudfront.arn
  validation_record_fqdns = [for record in aws_route53_record.cloudfront_validation : record.fqdn]
}

resource "aws_cloudfront_distribution" "public" {
  enabled = true
  comment = "PUBLIC: public bucket, no-host ELB requests, error page of last resort"
  aliases = [var.public_cdn_host, var.domain]

  origin {
    origin_id   = "elb"
    domain_name = aws_lb.main.dns_name

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "http-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  origin {
    origin_id   = "mpf_root"
    domain_name = aws_s3_bucket.public.bucket_regional_domain_name
    origin_path = "/_static"

    s3_origin_config {
      origin_access_identity = aws_cloudfront_origin_access_identity.mpf.cloudfront_access_identity_path
    }
  }

  origin {
    origin_id   = "s3"
    domain_name = aws_s3_bucket.public.bucket_regional_domain_name

    s3_origin_config {
      origin_access_identity = aws_cloudfront_origin_access_identity.mpf.cloudfront_access_identity_path
    }
  }

  default_cache_behavior {
    target_origin_id       = "s3"
    allowed_methods        = ["GET", "HEAD", "OPTIONS"]
    cached_methods         = ["GET", "HEAD", "OPTIONS"]
    viewer_protocol_policy = "allow-all"

    forwarded_values {
      query_string = false
      headers      = ["Access-Control-Request-Headers", "Access-Control-Request-Method", "Origin"]

      cookies {
        forward = "none"
      }
    }
  }

  ordered_cache_behavior {
    path_pattern           = "/nh/*"
    target_origin_id       = "elb"
    allowed_methods        = ["GET", "HEAD", "OPTIONS"]
    cached_methods         = ["GET", "HEAD", "OPTIONS"]
    viewer_protocol_policy = "allow-all"

    forwarded_values {
      query_string = false
      headers      = ["Access-Control-Request-Headers", "Access-Control-Request-Method", "Origin"]

      cookies {
        forward = "none"
      }
    }
  }

  ordered_cache_behavior {
    path_pattern           = "/mpf-root/*"
    target_origin_id       = "mpf_root"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    viewer_protocol_policy = "allow-all"

    forwarded_values {
      query_string = false

      cookies {
        forward = "none"
      }
    }
  }

  custom_error_response {
    error_code         = 403
    response_code      = 404
    response_page_path = var.error_page_path
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate_validation.cloudfront.certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }

  logging_config {
    bucket = aws_s3_bucket.cloudfront_logs.bucket_domain_name
    prefix = "public/"
  }
}

resource "aws_cloudfront_distribution" "protected" {
  enabled = true
  comment = "PROTECTED: protected bucket via signed URLs, HTTPS only"
  aliases = [var.protected_cdn_host]

  origin {
    origin_id   = "elb"
    domain_name = aws_lb.main.dns_name

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "http-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  origin {
    origin_id   = "mpf_root"
    domain_name = aws_s3_bucket.public.bucket_regional_domain_name
    origin_path = "/_static"

    s3_origin_config {
      origin_access_identity = aws_cloudfront_origin_access_identity.mpf.cloudfront_access_identity_path
    }
  }

  origin {
    origin_id   = "s3"
    domain_name = aws_s3_bucket.protected.bucket_regional_domain_name

    s3_origin_config {
      origin_access_identity = aws_cloudfront_origin_access_identity.mpf.cloudfront_access_identity_path
    }
  }

  default_cache_behavior {
    target_origin_id       = "s3"
    allowed_methods        = ["GET", "HEAD", "OPTIONS"]
    cached_methods         = ["GET", "HEAD", "OPTIONS"]
    viewer_protocol_policy = "https-only"
    trusted_key_groups     = [aws_cloudfront_key_group.signing.id]

    forwarded_values {
      query_string            = true
      query_string_cache_keys = ["response-content-disposition"]
      headers                 = ["Access-Control-Request-Headers", "Access-Control-Request-Method", "Origin"]

      cookies {
        forward           = "whitelist"
        whitelisted_names = [var.session_cookie_name]
      }
    }
  }

  ordered_cache_behavior {
    path_pattern           = "/nh/*"
    target_origin_id       = "elb"
    allowed_methods        = ["GET", "HEAD", "OPTIONS"]
    cached_methods         = ["GET", "HEAD", "OPTIONS"]
    viewer_protocol_policy = "https-only"

    forwarded_values {
      query_string            = true
      query_string_cache_keys = ["response-content-disposition"]
      headers                 = ["Access-Control-Request-Headers", "Access-Control-Request-Method", "Origin"]

      cookies {
        forward           = "whitelist"
        whitelisted_names = [var.session_cookie_name]
      }
    }
  }

  ordered_cache_behavior {
    path_pattern           = "/mpf-root/*"
    target_origin_id       = "mpf_root"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    viewer_protocol_policy = "allow-all"

    forwarded_values {
      query_string = false

      cookies {
        forward = "none"
      }
    }
  }

  custom_error_response {
    error_code         = 403
    response_code      = 404
    response_page_path = var.error_page_path
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate_validation.cloudfront.certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }

  logging_config {
    bucket = aws_s3_bucket.cloudfront_logs.bucket_domain_name
    prefix = "protected/"
  }
}

resource "aws_cloudfront_distribution" "public_nocache" {
  enabled = true
  comment = "PUBLIC without caching, for prod-mpd dev servers loading unversioned JS"

  origin {
    origin_id   = "s3"
    domain_name = aws_s3_bucket.public.bucket_regional_domain_name

    s3_origin_config {
      origin_access_identity = aws_cloudfront_origin_access_identity.mpf.cloudfront_access_identity_path
    }
  }

  default_cache_behavior {
    target_origin_id       = "s3"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    viewer_protocol_policy = "allow-all"
    cache_policy_id        = data.aws_cloudfront_cache_policy.caching_disabled.id
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

# CloudFront distributions, ACM certificates and WAF

resource "aws_acm_certificate" "brillianideas" {
  region = "us-east-1"

  domain_name               = "brillianideas.com"
  subject_alternative_names = ["www.brillianideas.com"]
  validation_method         = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

# DNS validation records of certificate `brillianideas`
resource "aws_route53_record" "brillianideas_validation" {
  for_each = {
    for dvo in aws_acm_certificate.brillianideas.domain_validation_options : dvo.domain_name => {
      name   = dvo.resource_record_name
      record = dvo.resource_record_value
      type   = dvo.resource_record_type
    }
  }

  allow_overwrite = true
  zone_id         = data.aws_route53_zone.brillianideas.zone_id
  name            = each.value.name
  type            = each.value.type
  ttl             = 60
  records         = [each.value.record]
}

resource "aws_acm_certificate_validation" "brillianideas" {
  region = "us-east-1"

  certificate_arn         = aws_acm_certificate.brillianideas.arn
  validation_record_fqdns = [for record in aws_route53_record.brillianideas_validation : record.fqdn]
}

resource "aws_acm_certificate" "brilliancrm" {
  region = "us-east-1"

  domain_name               = "brilliancrm.com"
  subject_alternative_names = ["www.brilliancrm.com"]
  validation_method         = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

# DNS validation records of certificate `brilliancrm`
resource "aws_route53_record" "brilliancrm_validation" {
  for_each = {
    for dvo in aws_acm_certificate.brilliancrm.domain_validation_options : dvo.domain_name => {
      name   = dvo.resource_record_name
      record = dvo.resource_record_value
      type   = dvo.resource_record_type
    }
  }

  allow_overwrite = true
  zone_id         = data.aws_route53_zone.brilliancrm.zone_id
  name            = each.value.name
  type            = each.value.type
  ttl             = 60
  records         = [each.value.record]
}

resource "aws_acm_certificate_validation" "brilliancrm" {
  region = "us-east-1"

  certificate_arn         = aws_acm_certificate.brilliancrm.arn
  validation_record_fqdns = [for record in aws_route53_record.brilliancrm_validation : record.fqdn]
}

resource "aws_acm_certificate" "brillianicm" {
  region = "us-east-1"

  domain_name               = var.icm_domain
  subject_alternative_names = [var.icm_www_domain]
  validation_method         = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

# DNS validation records of certificate `brillianicm`
resource "aws_route53_record" "brillianicm_validation" {
  for_each = {
    for dvo in aws_acm_certificate.brillianicm.domain_validation_options : dvo.domain_name => {
      name   = dvo.resource_record_name
      record = dvo.resource_record_value
      type   = dvo.resource_record_type
    }
  }

  allow_overwrite = true
  zone_id         = data.aws_route53_zone.brillianicm.zone_id
  name            = each.value.name
  type            = each.value.type
  ttl             = 60
  records         = [each.value.record]
}

resource "aws_acm_certificate_validation" "brillianicm" {
  region = "us-east-1"

  certificate_arn         = aws_acm_certificate.brillianicm.arn
  validation_record_fqdns = [for record in aws_route53_record.brillianicm_validation : record.fqdn]
}

resource "aws_acm_certificate" "brillianquiz" {
  region = "us-east-1"

  domain_name               = var.quiz_domain
  subject_alternative_names = [var.quiz_www_domain]
  validation_method         = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

# DNS validation records of certificate `brillianquiz`
resource "aws_route53_record" "brillianquiz_validation" {
  for_each = {
    for dvo in aws_acm_certificate.brillianquiz.domain_validation_options : dvo.domain_name => {
      name   = dvo.resource_record_name
      record = dvo.resource_record_value
      type   = dvo.resource_record_type
    }
  }

  allow_overwrite = true
  zone_id         = data.aws_route53_zone.brillianquiz.zone_id
  name            = each.value.name
  type            = each.value.type
  ttl             = 60
  records         = [each.value.record]
}

resource "aws_acm_certificate_validation" "brillianquiz" {
  region = "us-east-1"

  certificate_arn         = aws_acm_certificate.brillianquiz.arn
  validation_record_fqdns = [for record in aws_route53_record.brillianquiz_validation : record.fqdn]
}

resource "aws_acm_certificate" "wordpress" {
  region = "us-east-1"

  domain_name               = var.wordpress_domain
  subject_alternative_names = [var.wordpress_www_domain]
  validation_method         = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

# DNS validation records of certificate `wordpress`
resource "aws_route53_record" "wordpress_validation" {
  for_each = {
    for dvo in aws_acm_certificate.wordpress.domain_validation_options : dvo.domain_name => {
      name   = dvo.resource_record_name
      record = dvo.resource_record_value
      type   = dvo.resource_record_type
    }
  }

  allow_overwrite = true
  zone_id         = data.aws_route53_zone.wordpress.zone_id
  name            = each.value.name
  type            = each.value.type
  ttl             = 60
  records         = [each.value.record]
}

resource "aws_acm_certificate_validation" "wordpress" {
  region = "us-east-1"

  certificate_arn         = aws_acm_certificate.wordpress.arn
  validation_record_fqdns = [for record in aws_route53_record.wordpress_validation : record.fqdn]
}

resource "aws_cloudfront_distribution" "brillianideas" {
  enabled = true
  comment = "reverse proxy for the brillianideas Beanstalk environment"
  aliases = ["brillianideas.com", "www.brillianideas.com"]

  origin {
    origin_id   = "brillianideas"
    domain_name = aws_elastic_beanstalk_environment.brillianideas_env.cname

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "http-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "brillianideas"
    allowed_methods        = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]
    cached_methods         = ["GET", "HEAD"]
    viewer_protocol_policy = "redirect-to-https"
    cache_policy_id        = data.aws_cloudfront_cache_policy.caching_disabled.id
  }

  restrictions {
    geo_restriction {
      restriction_type = "whitelist"
      locations        = var.geo_allowed_countries
    }
  }

  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate_validation.brillianideas.certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}

resource "aws_cloudfront_distribution" "brilliancrm" {
  enabled = true
  comment = "reverse proxy for the brilliancrm Beanstalk environment"
  aliases = ["brilliancrm.com", "www.brilliancrm.com"]

  origin {
    origin_id   = "brilliancrm"
    domain_name = aws_elastic_beanstalk_environment.brilliancrm_env.cname

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "http-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "brilliancrm"
    allowed_methods        = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]
    cached_methods         = ["GET", "HEAD"]
    viewer_protocol_policy = "redirect-to-https"
    cache_policy_id        = data.aws_cloudfront_cache_policy.caching_disabled.id
  }

  restrictions {
    geo_restriction {
      restriction_type = "whitelist"
      locations        = var.geo_allowed_countries
    }
  }

  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate_validation.brilliancrm.certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}

resource "aws_cloudfront_distribution" "brillianicm" {
  enabled = true
  comment = "reverse proxy for the brillianicm Beanstalk environment"
  aliases = [var.icm_domain, var.icm_www_domain]

  origin {
    origin_id   = "brillianicm"
    domain_name = aws_elastic_beanstalk_environment.brillianicm_env.cname

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "http-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "brillianicm"
    allowed_methods        = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]
    cached_methods         = ["GET", "HEAD"]
    viewer_protocol_policy = "redirect-to-https"
    cache_policy_id        = data.aws_cloudfront_cache_policy.caching_disabled.id
  }

  restrictions {
    geo_restriction {
      restriction_type = "whitelist"
      locations        = var.geo_allowed_countries
    }
  }

  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate_validation.brillianicm.certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}

resource "aws_cloudfront_distribution" "brillianquiz" {
  enabled = true
  comment = "reverse proxy for the brillianquiz Beanstalk environment"
  aliases = [var.quiz_domain, var.quiz_www_domain]

  origin {
    origin_id   = "brillianquiz"
    domain_name = aws_elastic_beanstalk_environment.brillianquiz_env.cname

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "http-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "brillianquiz"
    allowed_methods        = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]
    cached_methods         = ["GET", "HEAD"]
    viewer_protocol_policy = "redirect-to-https"
    cache_policy_id        = data.aws_cloudfront_cache_policy.caching_disabled.id
  }

  restrictions {
    geo_restriction {
      restriction_type = "whitelist"
      locations        = var.geo_allowed_countries
    }
  }

  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate_validation.brillianquiz.certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}

resource "aws_cloudfront_distribution" "wordpress" {
  enabled = true
  comment = "reverse proxy for the WordPress Beanstalk environment"
  aliases = [var.wordpress_domain, var.wordpress_www_domain]

  origin {
    origin_id   = "wordpress"
    domain_name = aws_elastic_beanstalk_environment.wordpress_env.cname

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "http-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "wordpress"
    allowed_methods        = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]
    cached_methods         = ["GET", "HEAD"]
    viewer_protocol_policy = "redirect-to-https"
    cache_policy_id        = data.aws_cloudfront_cache_policy.caching_disabled.id
  }

  restrictions {
    geo_restriction {
      restriction_type = "whitelist"
      locations        = var.geo_allowed_countries
    }
  }

  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate_validation.wordpress.certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}

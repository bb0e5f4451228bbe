# Route 53 hosted zones and records

# Hosted zone of brillianideas.com: Route 53 Domains created it when the domain was registered.
data "aws_route53_zone" "brillianideas" {
  name         = "brillianideas.com"
  private_zone = false
}

resource "aws_route53_record" "brillianideas_apex" {
  zone_id = data.aws_route53_zone.brillianideas.zone_id
  name    = data.aws_route53_zone.brillianideas.name
  type    = "A"

  alias {
    name                   = aws_cloudfront_distribution.brillianideas.domain_name
    zone_id                = aws_cloudfront_distribution.brillianideas.hosted_zone_id
    evaluate_target_health = false
  }
}

resource "aws_route53_record" "brillianideas_www" {
  zone_id = data.aws_route53_zone.brillianideas.zone_id
  name    = "www.${data.aws_route53_zone.brillianideas.name}"
  type    = "CNAME"
  ttl     = 300
  records = ["brillianideas.com"]
}

# Hosted zone of brilliancrm.com: Route 53 Domains created it when the domain was registered.
data "aws_route53_zone" "brilliancrm" {
  name         = "brilliancrm.com"
  private_zone = false
}

resource "aws_route53_record" "brilliancrm_apex" {
  zone_id = data.aws_route53_zone.brilliancrm.zone_id
  name    = data.aws_route53_zone.brilliancrm.name
  type    = "A"

  alias {
    name                   = aws_cloudfront_distribution.brilliancrm.domain_name
    zone_id                = aws_cloudfront_distribution.brilliancrm.hosted_zone_id
    evaluate_target_health = false
  }
}

resource "aws_route53_record" "brilliancrm_www" {
  zone_id = data.aws_route53_zone.brilliancrm.zone_id
  name    = "www.${data.aws_route53_zone.brilliancrm.name}"
  type    = "CNAME"
  ttl     = 300
  records = ["brilliancrm.com"]
}

# Hosted zone of the domain: Route 53 Domains created it when the domain was registered.
data "aws_route53_zone" "brillianicm" {
  name         = var.icm_domain
  private_zone = false
}

resource "aws_route53_record" "brillianicm_apex" {
  zone_id = data.aws_route53_zone.brillianicm.zone_id
  name    = data.aws_route53_zone.brillianicm.name
  type    = "A"

  alias {
    name                   = aws_cloudfront_distribution.brillianicm.domain_name
    zone_id                = aws_cloudfront_distribution.brillianicm.hosted_zone_id
    evaluate_target_health = false
  }
}

resource "aws_route53_record" "brillianicm_www" {
  zone_id = data.aws_route53_zone.brillianicm.zone_id
  name    = "www.${data.aws_route53_zone.brillianicm.name}"
  type    = "CNAME"
  ttl     = 300
  records = [var.icm_domain]
}

# Hosted zone of the domain: Route 53 Domains created it when the domain was registered.
data "aws_route53_zone" "brillianquiz" {
  name         = var.quiz_domain
  private_zone = false
}

resource "aws_route53_record" "brillianquiz_apex" {
  zone_id = data.aws_route53_zone.brillianquiz.zone_id
  name    = data.aws_route53_zone.brillianquiz.name
  type    = "A"

  alias {
    name                   = aws_cloudfront_distribution.brillianquiz.domain_name
    zone_id                = aws_cloudfront_distribution.brillianquiz.hosted_zone_id
    evaluate_target_health = false
  }
}

resource "aws_route53_record" "brillianquiz_www" {
  zone_id = data.aws_route53_zone.brillianquiz.zone_id
  name    = "www.${data.aws_route53_zone.brillianquiz.name}"
  type    = "CNAME"
  ttl     = 300
  records = [var.quiz_domain]
}

# Hosted zone of the domain: Route 53 Domains created it when the domain was registered.
data "aws_route53_zone" "wordpress" {
  name         = var.wordpress_domain
  private_zone = false
}

resource "aws_route53_record" "wordpress_apex" {
  zone_id = data.aws_route53_zone.wordpress.zone_id
  name    = data.aws_route53_zone.wordpress.name
  type    = "A"

  alias {
    name                   = aws_cloudfront_distribution.wordpress.domain_name
    zone_id                = aws_cloudfront_distribution.wordpress.hosted_zone_id
    evaluate_target_health = false
  }
}

resource "aws_route53_record" "wordpress_www" {
  zone_id = data.aws_route53_zone.wordpress.zone_id
  name    = "www.${data.aws_route53_zone.wordpress.name}"
  type    = "CNAME"
  ttl     = 300
  records = [var.wordpress_domain]
}

# Hosted zone of digital-learning-imbit.com: Route 53 Domains created it when the domain was registered.
data "aws_route53_zone" "digital_learning_imbit" {
  name         = "digital-learning-imbit.com"
  private_zone = false
}

# Endpoints, names and DNS records to use or to add by hand

output "dns_zone_main_name_servers" {
  description = "name servers (set them at the domain's registrar) of dns_zone `main`"
  value       = aws_route53_zone.main.name_servers
}

output "distribution_site_domain_name" {
  description = "CloudFront domain name of distribution `site`"
  value       = aws_cloudfront_distribution.site.domain_name
}

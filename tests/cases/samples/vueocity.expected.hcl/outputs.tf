# Endpoints, names and DNS records to use or to add by hand

output "iam_access_key_mpf_id" {
  description = "access key id of iam_access_key `mpf`"
  value       = aws_iam_access_key.mpf.id
}

output "iam_access_key_mpf_secret" {
  description = "secret access key of iam_access_key `mpf` (terraform output -raw)"
  value       = aws_iam_access_key.mpf.secret
  sensitive   = true
}

output "vpc_main_id" {
  description = "id of vpc `main`"
  value       = aws_vpc.main.id
}

output "elastic_ip_dev_public_ip" {
  description = "public IPv4 address of elastic_ip `dev`"
  value       = aws_eip.dev.public_ip
}

output "load_balancer_main_dns_name" {
  description = "DNS name of load_balancer `main`"
  value       = aws_lb.main.dns_name
}

output "db_instance_mpf_address" {
  description = "host name of db_instance `mpf`"
  value       = aws_db_instance.mpf.address
}

output "cache_cluster_mpf_primary_endpoint_address" {
  description = "primary endpoint of cache_cluster `mpf`"
  value       = aws_elasticache_replication_group.mpf.primary_endpoint_address
}

output "distribution_public_domain_name" {
  description = "CloudFront domain name of distribution `public`"
  value       = aws_cloudfront_distribution.public.domain_name
}

output "distribution_protected_domain_name" {
  description = "CloudFront domain name of distribution `protected`"
  value       = aws_cloudfront_distribution.protected.domain_name
}

output "distribution_public_nocache_domain_name" {
  description = "CloudFront domain name of distribution `public_nocache`"
  value       = aws_cloudfront_distribution.public_nocache.domain_name
}

output "ses_smtp_smtp_endpoint" {
  description = "SES SMTP endpoint of ses_smtp `smtp` (STARTTLS)"
  value       = "email-smtp.us-east-1.amazonaws.com"
}

output "ses_smtp_smtp_username" {
  description = "SMTP user name of ses_smtp `smtp`"
  value       = aws_iam_access_key.smtp.id
}

output "ses_smtp_smtp_password" {
  description = "SMTP password of ses_smtp `smtp` (terraform output -raw)"
  value       = aws_iam_access_key.smtp.ses_smtp_password_v4
  sensitive   = true
}

output "dns_zone_main_name_servers" {
  description = "name servers (set them at the domain's registrar) of dns_zone `main`"
  value       = aws_route53_zone.main.name_servers
}

# Endpoints, names and DNS records to use or to add by hand

output "iam_access_key_cli_id" {
  description = "access key id of iam_access_key `cli`"
  value       = aws_iam_access_key.cli.id
}

output "iam_access_key_cli_secret" {
  description = "secret access key of iam_access_key `cli` (terraform output -raw)"
  value       = aws_iam_access_key.cli.secret
  sensitive   = true
}

output "vpc_osmt_id" {
  description = "id of vpc `osmt`"
  value       = aws_vpc.osmt.id
}

output "dns_zone_osmt_name_servers" {
  description = "name servers (set them at the domain's registrar) of dns_zone `osmt`"
  value       = aws_route53_zone.osmt.name_servers
}

output "load_balancer_osmt_dns_name" {
  description = "DNS name of load_balancer `osmt`"
  value       = aws_lb.osmt.dns_name
}

output "db_instance_osmt_address" {
  description = "host name of db_instance `osmt`"
  value       = aws_db_instance.osmt.address
}

output "cache_cluster_redis_primary_endpoint_address" {
  description = "primary endpoint of cache_cluster `redis`"
  value       = aws_elasticache_replication_group.redis.primary_endpoint_address
}

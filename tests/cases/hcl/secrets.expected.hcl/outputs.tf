# Endpoints, names and DNS records to use or to add by hand

output "db_instance_app_address" {
  description = "host name of db_instance `app`"
  value       = aws_db_instance.app.address
}

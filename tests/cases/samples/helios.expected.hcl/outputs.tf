# Endpoints, names and DNS records to use or to add by hand

output "elastic_ip_helios_public_ip" {
  description = "public IPv4 address of elastic_ip `helios`"
  value       = aws_eip.helios.public_ip
}

output "iam_access_key_ses_id" {
  description = "access key id of iam_access_key `ses`"
  value       = aws_iam_access_key.ses.id
}

output "iam_access_key_ses_secret" {
  description = "secret access key of iam_access_key `ses` (terraform output -raw)"
  value       = aws_iam_access_key.ses.secret
  sensitive   = true
}

# Endpoints, names and DNS records to use or to add by hand

output "ses_domain_open_contracting_org_dns_records" {
  description = "DNS records to add at GoDaddy for SES domain `open-contracting.org` (name, type, value)"
  value = {
    dkim          = [for token in aws_sesv2_email_identity.open_contracting_org.dkim_signing_attributes[0].tokens : "${token}._domainkey.open-contracting.org CNAME ${token}.dkim.amazonses.com"]
    spf           = "open-contracting.org TXT \"${var.spf_record}\""
    mail_from_mx  = "${var.mail_from_domain} MX 10 feedback-smtp.us-east-1.amazonses.com"
    mail_from_spf = "${var.mail_from_domain} TXT \"v=spf1 include:amazonses.com ~all\""
  }
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

output "db_instance_analysis_address" {
  description = "host name of db_instance `analysis`"
  value       = aws_db_instance.analysis.address
}

output "vpc_aurora_id" {
  description = "id of vpc `aurora`"
  value       = aws_vpc.aurora.id
}

output "db_cluster_aurora_endpoint" {
  description = "writer endpoint of db_cluster `aurora`"
  value       = aws_rds_cluster.aurora.endpoint
}

output "iam_access_key_backup_id" {
  description = "access key id of iam_access_key `backup`"
  value       = aws_iam_access_key.backup.id
}

output "iam_access_key_backup_secret" {
  description = "secret access key of iam_access_key `backup` (terraform output -raw)"
  value       = aws_iam_access_key.backup.secret
  sensitive   = true
}

# Endpoints, names and DNS records to use or to add by hand

output "vpc_imbit_vpc_id" {
  description = "id of vpc `IMBIT-VPC`"
  value       = aws_vpc.imbit_vpc.id
}

output "iam_access_key_github_workflow_id" {
  description = "access key id of iam_access_key `github-workflow`"
  value       = aws_iam_access_key.github_workflow.id
}

output "iam_access_key_github_workflow_secret" {
  description = "secret access key of iam_access_key `github-workflow` (terraform output -raw)"
  value       = aws_iam_access_key.github_workflow.secret
  sensitive   = true
}

output "beanstalk_env_brillianideas_env_cname" {
  description = "host name (CNAME) of beanstalk_env `brillianideas-env`"
  value       = aws_elastic_beanstalk_environment.brillianideas_env.cname
}

output "beanstalk_env_brilliancrm_env_cname" {
  description = "host name (CNAME) of beanstalk_env `brilliancrm-env`"
  value       = aws_elastic_beanstalk_environment.brilliancrm_env.cname
}

output "beanstalk_env_brillianicm_env_cname" {
  description = "host name (CNAME) of beanstalk_env `brillianicm-env`"
  value       = aws_elastic_beanstalk_environment.brillianicm_env.cname
}

output "beanstalk_env_brillianquiz_env_cname" {
  description = "host name (CNAME) of beanstalk_env `brillianquiz-env`"
  value       = aws_elastic_beanstalk_environment.brillianquiz_env.cname
}

output "beanstalk_env_wordpress_env_cname" {
  description = "host name (CNAME) of beanstalk_env `wordpress-env`"
  value       = aws_elastic_beanstalk_environment.wordpress_env.cname
}

output "distribution_brillianideas_domain_name" {
  description = "CloudFront domain name of distribution `brillianideas`"
  value       = aws_cloudfront_distribution.brillianideas.domain_name
}

output "distribution_brilliancrm_domain_name" {
  description = "CloudFront domain name of distribution `brilliancrm`"
  value       = aws_cloudfront_distribution.brilliancrm.domain_name
}

output "distribution_brillianicm_domain_name" {
  description = "CloudFront domain name of distribution `brillianicm`"
  value       = aws_cloudfront_distribution.brillianicm.domain_name
}

output "distribution_brillianquiz_domain_name" {
  description = "CloudFront domain name of distribution `brillianquiz`"
  value       = aws_cloudfront_distribution.brillianquiz.domain_name
}

output "distribution_wordpress_domain_name" {
  description = "CloudFront domain name of distribution `wordpress`"
  value       = aws_cloudfront_distribution.wordpress.domain_name
}

output "ses_smtp_mail_endpoint" {
  description = "SES SMTP endpoint of ses_smtp `mail` (STARTTLS)"
  value       = "email-smtp.eu-west-1.amazonaws.com"
}

output "ses_smtp_mail_username" {
  description = "SMTP user name of ses_smtp `mail`"
  value       = aws_iam_access_key.mail.id
}

output "ses_smtp_mail_password" {
  description = "SMTP password of ses_smtp `mail` (terraform output -raw)"
  value       = aws_iam_access_key.mail.ses_smtp_password_v4
  sensitive   = true
}

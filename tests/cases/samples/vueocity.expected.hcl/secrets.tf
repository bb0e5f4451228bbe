# Secrets Manager secrets

resource "aws_secretsmanager_secret" "cloudfront_signing_key" {
  name        = "vueocity/cloudfront-signing-key"
  description = "private key MPF uses to sign CloudFront URLs"

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_secretsmanager_secret_version" "cloudfront_signing_key" {
  secret_id     = aws_secretsmanager_secret.cloudfront_signing_key.id
  secret_string = var.cloudfront_private_key
}

resource "aws_secretsmanager_secret" "smtp" {
  name        = "vueocity/ses-smtp"
  description = "SES SMTP user name and password, read by Django"

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_secretsmanager_secret_version" "smtp" {
  secret_id = aws_secretsmanager_secret.smtp.id
  secret_string = jsonencode({
    host     = "email-smtp.us-east-1.amazonaws.com"
    port     = 587
    username = aws_iam_access_key.smtp.id
    password = aws_iam_access_key.smtp.ses_smtp_password_v4
  })
}

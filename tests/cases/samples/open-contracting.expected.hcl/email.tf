# SES identities, DNS records for mail, receipt rules and SMTP credentials

resource "aws_sesv2_email_identity" "open_contracting_org" {
  email_identity = "open-contracting.org"
}

resource "aws_sesv2_email_identity_mail_from_attributes" "open_contracting_org" {
  email_identity   = aws_sesv2_email_identity.open_contracting_org.email_identity
  mail_from_domain = var.mail_from_domain
}

resource "aws_sesv2_email_identity" "data_open_contracting_org" {
  email_identity = "data@open-contracting.org"
}

resource "aws_ses_identity_notification_topic" "data_open_contracting_org_bounce" {
  identity                 = aws_sesv2_email_identity.data_open_contracting_org.email_identity
  notification_type        = "Bounce"
  topic_arn                = aws_sns_topic.data_open_contracting_org.arn
  include_original_headers = true
}

resource "aws_ses_identity_notification_topic" "data_open_contracting_org_complaint" {
  identity                 = aws_sesv2_email_identity.data_open_contracting_org.email_identity
  notification_type        = "Complaint"
  topic_arn                = aws_sns_topic.data_open_contracting_org.arn
  include_original_headers = true
}

# SMTP user of SES in us-east-1: do not rename it, a new user means new credentials
resource "aws_iam_user" "smtp" {
  name = var.smtp_user_name
}

resource "aws_iam_user_policy" "smtp_send" {
  name = "ses-send-email"
  user = aws_iam_user.smtp.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["ses:SendRawEmail"]
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_access_key" "smtp" {
  user = aws_iam_user.smtp.name
}

# SES identities, DNS records for mail, receipt rules and SMTP credentials

resource "aws_sesv2_email_identity" "main" {
  email_identity = var.domain
}

resource "aws_ses_identity_notification_topic" "main_bounce" {
  identity          = aws_sesv2_email_identity.main.email_identity
  notification_type = "Bounce"
  topic_arn         = aws_sns_topic.ses_notifications.arn
}

resource "aws_ses_identity_notification_topic" "main_complaint" {
  identity          = aws_sesv2_email_identity.main.email_identity
  notification_type = "Complaint"
  topic_arn         = aws_sns_topic.ses_notifications.arn
}

resource "aws_ses_identity_notification_topic" "main_delivery" {
  identity          = aws_sesv2_email_identity.main.email_identity
  notification_type = "Delivery"
  topic_arn         = aws_sns_topic.ses_notifications.arn
}

resource "aws_route53_record" "main_dkim" {
  count = 3

  zone_id = aws_route53_zone.main.zone_id
  name    = "${element(aws_sesv2_email_identity.main.dkim_signing_attributes[0].tokens, count.index)}._domainkey.${var.domain}"
  type    = "CNAME"
  ttl     = 1800
  records = [
    "${element(aws_sesv2_email_identity.main.dkim_signing_attributes[0].tokens, count.index)}.dkim.amazonses.com",
  ]
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

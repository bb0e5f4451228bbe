# SES identities, DNS records for mail, receipt rules and SMTP credentials

resource "aws_sesv2_email_identity" "mail_brillianideas_com" {
  region = "eu-west-1"

  email_identity = "mail.brillianideas.com"

  dkim_signing_attributes {
    next_signing_key_length = "RSA_2048_BIT"
  }
}

resource "aws_route53_record" "mail_brillianideas_com_dkim" {
  count = 3

  zone_id = data.aws_route53_zone.brillianideas.zone_id
  name    = "${element(aws_sesv2_email_identity.mail_brillianideas_com.dkim_signing_attributes[0].tokens, count.index)}._domainkey.mail.brillianideas.com"
  type    = "CNAME"
  ttl     = 1800
  records = [
    "${element(aws_sesv2_email_identity.mail_brillianideas_com.dkim_signing_attributes[0].tokens, count.index)}.dkim.amazonses.com",
  ]
}

resource "aws_route53_record" "mail_brillianideas_com_spf" {
  zone_id = data.aws_route53_zone.brillianideas.zone_id
  name    = "mail.brillianideas.com"
  type    = "TXT"
  ttl     = 1800
  records = [var.mail_spf]
}

resource "aws_route53_record" "mail_brillianideas_com_dmarc" {
  zone_id = data.aws_route53_zone.brillianideas.zone_id
  name    = "_dmarc.mail.brillianideas.com"
  type    = "TXT"
  ttl     = 1800
  records = [var.mail_dmarc]
}

resource "aws_route53_record" "mail_brillianideas_com_mx" {
  zone_id = data.aws_route53_zone.brillianideas.zone_id
  name    = "mail.brillianideas.com"
  type    = "MX"
  ttl     = 1800
  records = ["10 inbound-smtp.eu-west-1.amazonaws.com"]
}

resource "aws_sesv2_email_identity_mail_from_attributes" "mail_brillianideas_com" {
  region = "eu-west-1"

  email_identity   = aws_sesv2_email_identity.mail_brillianideas_com.email_identity
  mail_from_domain = var.mail_from_domain
}

resource "aws_route53_record" "mail_brillianideas_com_mail_from_mx" {
  zone_id = data.aws_route53_zone.brillianideas.zone_id
  name    = var.mail_from_domain
  type    = "MX"
  ttl     = 1800
  records = ["10 feedback-smtp.eu-west-1.amazonses.com"]
}

resource "aws_route53_record" "mail_brillianideas_com_mail_from_spf" {
  zone_id = data.aws_route53_zone.brillianideas.zone_id
  name    = var.mail_from_domain
  type    = "TXT"
  ttl     = 1800
  records = ["v=spf1 include:amazonses.com ~all"]
}

resource "aws_sesv2_email_identity" "no_reply_mail_brillianideas_com" {
  region = "eu-west-1"

  email_identity = "no-reply@mail.brillianideas.com"
}

resource "aws_ses_receipt_rule_set" "workmail" {
  region = "eu-west-1"

  rule_set_name = "workmail"
}

resource "aws_ses_active_receipt_rule_set" "workmail" {
  region = "eu-west-1"

  rule_set_name = aws_ses_receipt_rule_set.workmail.rule_set_name
}

resource "aws_ses_receipt_rule" "deliver_to_workmail" {
  region = "eu-west-1"

  rule_set_name = aws_ses_receipt_rule_set.workmail.rule_set_name
  name          = "deliver-to-workmail"
  recipients    = ["brillianideas.com"]
  enabled       = true

  workmail_action {
    organization_arn = var.workmail_organization_brillianideas_arn
    position         = 1
  }
}

resource "aws_ses_receipt_filter" "allow_all" {
  region = "eu-west-1"

  name   = "allow-all"
  cidr   = "0.0.0.0/0"
  policy = "Allow"
}

resource "aws_iam_user_policy" "mail_send" {
  name = "ses-send-email"
  user = aws_iam_user.mail_sending.name
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

# ses_smtp_password_v4 is signed for the provider's region; this provider is in eu-west-1, where SES runs.
resource "aws_iam_access_key" "mail" {
  provider = aws.eu_west_1

  user = aws_iam_user.mail_sending.name
}

# SES identities, DNS records for mail, receipt rules and SMTP credentials

resource "aws_sesv2_email_identity" "corp_example" {
  email_identity = "corp.example"
}

resource "aws_sesv2_email_identity_mail_from_attributes" "corp_example" {
  email_identity   = aws_sesv2_email_identity.corp_example.email_identity
  mail_from_domain = "bounce.corp.example"
}

# SES identities, DNS records for mail, receipt rules and SMTP credentials

resource "aws_sesv2_email_identity" "ops_alerts_corp_example" {
  email_identity = "ops+alerts@corp.example"
}

resource "aws_sesv2_email_identity" "ops_alerts_corp_example_2" {
  email_identity = "ops.alerts@corp.example"
}

# SES identities, DNS records for mail, receipt rules and SMTP credentials

resource "aws_sesv2_email_identity" "helios_example_com" {
  email_identity = "helios@example.com"
}

resource "aws_sesv2_email_identity" "election_admin_example_com" {
  email_identity = "election-admin@example.com"
}

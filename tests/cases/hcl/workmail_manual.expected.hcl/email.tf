# SES identities, DNS records for mail, receipt rules and SMTP credentials

resource "aws_ses_receipt_rule_set" "inbound" {
  rule_set_name = "inbound"
}

resource "aws_ses_active_receipt_rule_set" "inbound" {
  rule_set_name = aws_ses_receipt_rule_set.inbound.rule_set_name
}

resource "aws_ses_receipt_rule" "to_workmail" {
  rule_set_name = aws_ses_receipt_rule_set.inbound.rule_set_name
  name          = "to_workmail"
  recipients    = ["mail.acme.example"]
  enabled       = true

  workmail_action {
    organization_arn = var.workmail_organization_acme_arn
    position         = 1
  }
}

# SNS topics and subscriptions

resource "aws_sns_topic" "data_open_contracting_org" {
  name       = "data-open-contracting-org"
  fifo_topic = false
}

resource "aws_sns_topic_subscription" "bounces_and_complaints" {
  topic_arn = aws_sns_topic.data_open_contracting_org.arn
  protocol  = "email"
  endpoint  = var.notification_email
}

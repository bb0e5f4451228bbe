# SNS topics and subscriptions

resource "aws_sns_topic" "ses_notifications" {
  name         = "ses_notifications"
  display_name = "Vueocity SES delivery and bounce notifications"
}

resource "aws_sns_topic_subscription" "ops" {
  topic_arn = aws_sns_topic.ses_notifications.arn
  protocol  = "email"
  endpoint  = var.notification_email
}

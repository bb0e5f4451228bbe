# CloudWatch log groups

resource "aws_cloudwatch_log_group" "app" {
  name = "osmt-test-app"

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "elasticsearch" {
  name = "osmt-test-elasticsearch"

  lifecycle {
    prevent_destroy = true
  }
}

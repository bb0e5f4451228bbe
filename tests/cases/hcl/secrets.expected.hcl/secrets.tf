# Secrets Manager secrets

resource "aws_secretsmanager_secret" "api_token" {
  name        = "app/api-token"
  description = "third-party API token"

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_secretsmanager_secret_version" "api_token" {
  secret_id     = aws_secretsmanager_secret.api_token.id
  secret_string = var.api_token
}

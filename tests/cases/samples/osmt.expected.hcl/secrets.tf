# Secrets Manager secrets

resource "aws_secretsmanager_secret" "db_password" {
  name        = "osmt/test/db-password"
  description = "RDS MySQL master password, read by the app as DB_PASSWORD"

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_secretsmanager_secret_version" "db_password" {
  secret_id     = aws_secretsmanager_secret.db_password.id
  secret_string = var.db_master_password
}

resource "aws_secretsmanager_secret" "db_uri" {
  name        = "osmt/test/db-uri"
  description = "DB_URI of the app: <user>:<password>@<RDS endpoint>:3306"

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_secretsmanager_secret_version" "db_uri" {
  secret_id     = aws_secretsmanager_secret.db_uri.id
  secret_string = var.db_uri
}

resource "aws_secretsmanager_secret" "oauth_client_secret" {
  name        = "osmt/test/oauth-client-secret"
  description = "OAuth2 client secret, read by the app as OAUTH_CLIENTSECRET"

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_secretsmanager_secret_version" "oauth_client_secret" {
  secret_id     = aws_secretsmanager_secret.oauth_client_secret.id
  secret_string = var.oauth_client_secret
}

# IAM users, groups, roles, policies and access keys

resource "aws_iam_user" "osmt_admin" {
  name = "osmt-admin"
}

resource "aws_iam_user_policy_attachment" "osmt_admin_administratoraccess" {
  user       = aws_iam_user.osmt_admin.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

# OSMT infra
resource "aws_iam_access_key" "cli" {
  user = aws_iam_user.osmt_admin.name
}

resource "aws_iam_policy" "ecs_read_secrets" {
  name        = "osmt_test_ecs_read_secrets"
  description = "lets ECS inject the OSMT runtime secrets into the app container"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = ["secretsmanager:GetSecretValue"]
        Resource = [
          aws_secretsmanager_secret.db_password.arn,
          aws_secretsmanager_secret.db_uri.arn,
          aws_secretsmanager_secret.oauth_client_secret.arn,
        ]
      },
    ]
  })
}

resource "aws_iam_role" "ecs_task_execution" {
  name = "osmt_test_ecs_task_execution"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = ["ecs-tasks.amazonaws.com"]
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "ecs_task_execution_ecs_read_secrets" {
  role       = aws_iam_role.ecs_task_execution.name
  policy_arn = aws_iam_policy.ecs_read_secrets.arn
}

resource "aws_iam_role_policy_attachment" "ecs_task_execution_amazonecstaskexecutionrolepolicy" {
  role       = aws_iam_role.ecs_task_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

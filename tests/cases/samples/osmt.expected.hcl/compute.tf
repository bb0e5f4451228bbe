# EC2 instances, volumes, key pairs, launch templates, autoscaling, ECS, Lambda and Elastic Beanstalk

resource "aws_ecs_cluster" "osmt" {
  name = "osmt-test"
}

resource "aws_ecs_task_definition" "app" {
  family                   = "osmt-test-app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "2048"
  memory                   = "8192"
  execution_role_arn       = aws_iam_role.ecs_task_execution.arn
  task_role_arn            = aws_iam_role.ecs_task_execution.arn
  container_definitions = jsonencode([
    {
      name      = "app"
      image     = var.app_image
      cpu       = 2048
      essential = true
      portMappings = [
        {
          containerPort = 80
          protocol      = "tcp"
        },
      ]
      environment = [
        {
          name  = "BASE_DOMAIN"
          value = var.domain
        },
        {
          name  = "DB_NAME"
          value = "osmt"
        },
        {
          name  = "DB_USER"
          value = var.db_master_username
        },
        {
          name  = "ENVIRONMENT"
          value = "apiserver,oauth2"
        },
        {
          name  = "FRONTEND_URL"
          value = var.frontend_url
        },
        {
          name  = "ELASTICSEARCH_URI"
          value = "elasticsearch:9200"
        },
        {
          name  = "OAUTH_ISSUER"
          value = var.oauth_issuer
        },
        {
          name  = "OAUTH_CLIENTID"
          value = var.oauth_client_id
        },
        {
          name  = "OAUTH_AUDIENCE"
          value = var.oauth_audience
        },
        {
          name  = "REDIS_URI"
          value = aws_elasticache_replication_group.redis.primary_endpoint_address
        },
        {
          name  = "MIGRATIONS_ENABLED"
          value = "true"
        },
        {
          name  = "REINDEX_ELASTICSEARCH"
          value = "true"
        },
        {
          name  = "SKIP_METADATA_IMPORT"
          value = "false"
        },
      ]
      secrets = [
        {
          name      = "DB_PASSWORD"
          valueFrom = aws_secretsmanager_secret.db_password.arn
        },
        {
          name      = "DB_URI"
          valueFrom = aws_secretsmanager_secret.db_uri.arn
        },
        {
          name      = "OAUTH_CLIENTSECRET"
          valueFrom = aws_secretsmanager_secret.oauth_client_secret.arn
        },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.app.name
          awslogs-region        = "us-west-2"
          awslogs-stream-prefix = "/osmt/test/app"
        }
      }
    },
  ])
}

resource "aws_ecs_task_definition" "elasticsearch" {
  family                   = "osmt-test-elasticsearch"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "2048"
  memory                   = "4096"
  execution_role_arn       = aws_iam_role.ecs_task_execution.arn
  task_role_arn            = aws_iam_role.ecs_task_execution.arn
  container_definitions = jsonencode([
    {
      name      = "elasticsearch"
      image     = var.elasticsearch_image
      cpu       = 2048
      essential = true
      portMappings = [
        {
          containerPort = 9200
          protocol      = "tcp"
        },
      ]
      environment = [
        {
          name  = "discovery.type"
          value = "single-node"
        },
        {
          name  = "net"
          value = "host"
        },
        {
          name  = "xpack.security.enabled"
          value = "false"
        },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.elasticsearch.name
          awslogs-region        = "us-west-2"
          awslogs-stream-prefix = "/osmt/test/elasticsearch"
        }
      }
    },
  ])
}

resource "aws_ecs_service" "app" {
  name            = "osmt-test-app"
  cluster         = aws_ecs_cluster.osmt.id
  task_definition = aws_ecs_task_definition.app.arn
  desired_count   = 2
  launch_type     = "FARGATE"

  network_configuration {
    subnets         = [aws_subnet.private_a.id, aws_subnet.private_b.id]
    security_groups = [aws_security_group.ecs.id]
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.app.arn
    container_name   = "app"
    container_port   = 80
  }

  depends_on = [aws_lb_listener.https]
}

resource "aws_ecs_service" "elasticsearch" {
  name            = "osmt-test-elasticsearch"
  cluster         = aws_ecs_cluster.osmt.id
  task_definition = aws_ecs_task_definition.elasticsearch.arn
  desired_count   = 1
  launch_type     = "FARGATE"

  network_configuration {
    subnets         = [aws_subnet.private_a.id, aws_subnet.private_b.id]
    security_groups = [aws_security_group.ecs.id]
  }
}

# S3 buckets, databases, caches and DynamoDB tables

resource "aws_s3_bucket" "tool_state" {
  provider = aws.vueops

  bucket = var.tool_state_bucket_name

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_public_access_block" "tool_state" {
  provider = aws.vueops

  bucket                  = aws_s3_bucket.tool_state.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "tool_state" {
  provider = aws.vueops

  bucket = aws_s3_bucket.tool_state.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_db_parameter_group" "mpf_mysql" {
  name        = "mpf_mysql"
  family      = var.db_parameter_family
  description = "MPF MySQL settings"

  parameter {
    name  = "default_storage_engine"
    value = "InnoDB"
  }

  parameter {
    name  = "max_connections"
    value = var.db_max_connections
  }
}

resource "aws_db_subnet_group" "mpf" {
  name        = "mpf"
  description = "MPF database subnets (two AZs)"
  subnet_ids  = [aws_subnet.public_a.id, aws_subnet.public_b.id]
}

resource "aws_db_instance" "mpf" {
  identifier                = "mpf"
  engine                    = "mysql"
  instance_class            = var.db_instance_class
  allocated_storage         = 5
  storage_type              = "standard"
  username                  = var.db_username
  password                  = var.db_password
  vpc_security_group_ids    = [aws_security_group.rds.id]
  db_subnet_group_name      = aws_db_subnet_group.mpf.name
  parameter_group_name      = aws_db_parameter_group.mpf_mysql.name
  multi_az                  = true
  final_snapshot_identifier = "mpf-final"

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_elasticache_subnet_group" "mpf" {
  name       = "mpf"
  subnet_ids = [aws_subnet.public_a.id, aws_subnet.public_b.id]
}

resource "aws_elasticache_replication_group" "mpf" {
  replication_group_id       = "mpf"
  description                = "mpf"
  engine                     = "redis"
  node_type                  = var.cache_node_type
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  multi_az_enabled           = true
  subnet_group_name          = aws_elasticache_subnet_group.mpf.name
  security_group_ids         = [aws_security_group.redis.id]

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket" "protected" {
  bucket = var.protected_bucket_name

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_public_access_block" "protected" {
  bucket                  = aws_s3_bucket.protected.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "protected" {
  bucket = aws_s3_bucket.protected.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "protected" {
  bucket = aws_s3_bucket.protected.id

  rule {
    id     = "old_versions"
    status = "Enabled"

    filter {}

    noncurrent_version_transition {
      noncurrent_days = var.old_version_transition_days
      storage_class   = "STANDARD_IA"
    }

    noncurrent_version_expiration {
      noncurrent_days = var.old_version_expiration_days
    }
  }

  depends_on = [aws_s3_bucket_versioning.protected]
}

resource "aws_s3_bucket_cors_configuration" "protected" {
  bucket = aws_s3_bucket.protected.id

  cors_rule {
    allowed_headers = ["*"]
    allowed_methods = ["GET", "HEAD", "PUT", "POST"]
    allowed_origins = [var.cors_origin]
  }
}

resource "aws_s3_bucket_accelerate_configuration" "protected" {
  bucket = aws_s3_bucket.protected.id
  status = "Enabled"
}

resource "aws_s3_bucket" "public" {
  bucket = var.public_bucket_name

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_public_access_block" "public" {
  bucket                  = aws_s3_bucket.public.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "public" {
  bucket = aws_s3_bucket.public.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "public" {
  bucket = aws_s3_bucket.public.id

  rule {
    id     = "old_versions"
    status = "Enabled"

    filter {}

    noncurrent_version_transition {
      noncurrent_days = var.old_version_transition_days
      storage_class   = "STANDARD_IA"
    }

    noncurrent_version_expiration {
      noncurrent_days = var.old_version_expiration_days
    }
  }

  depends_on = [aws_s3_bucket_versioning.public]
}

resource "aws_s3_bucket_cors_configuration" "public" {
  bucket = aws_s3_bucket.public.id

  cors_rule {
    allowed_headers = ["*"]
    allowed_methods = ["GET", "HEAD", "PUT", "POST"]
    allowed_origins = [var.cors_origin]
  }
}

resource "aws_s3_bucket_accelerate_configuration" "public" {
  bucket = aws_s3_bucket.public.id
  status = "Enabled"
}

resource "aws_s3_bucket" "public_protected" {
  bucket = var.public_protected_bucket_name

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_public_access_block" "public_protected" {
  bucket                  = aws_s3_bucket.public_protected.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "public_protected" {
  bucket = aws_s3_bucket.public_protected.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "public_protected" {
  bucket = aws_s3_bucket.public_protected.id

  rule {
    id     = "old_versions"
    status = "Enabled"

    filter {}

    noncurrent_version_transition {
      noncurrent_days = var.old_version_transition_days
      storage_class   = "STANDARD_IA"
    }

    noncurrent_version_expiration {
      noncurrent_days = var.old_version_expiration_days
    }
  }

  depends_on = [aws_s3_bucket_versioning.public_protected]
}

resource "aws_s3_bucket_cors_configuration" "public_protected" {
  bucket = aws_s3_bucket.public_protected.id

  cors_rule {
    allowed_headers = ["*"]
    allowed_methods = ["GET", "HEAD", "PUT", "POST"]
    allowed_origins = [var.cors_origin]
  }
}

resource "aws_s3_bucket_accelerate_configuration" "public_protected" {
  bucket = aws_s3_bucket.public_protected.id
  status = "Enabled"
}

resource "aws_s3_bucket" "cloudfront_logs" {
  bucket = var.cloudfront_logs_bucket_name

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_ownership_controls" "cloudfront_logs" {
  bucket = aws_s3_bucket.cloudfront_logs.id

  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_public_access_block" "cloudfront_logs" {
  bucket                  = aws_s3_bucket.cloudfront_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "cloudfront_logs" {
  bucket = aws_s3_bucket.cloudfront_logs.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "cloudfront_logs" {
  bucket = aws_s3_bucket.cloudfront_logs.id

  rule {
    id     = "old_versions"
    status = "Enabled"

    filter {}

    noncurrent_version_transition {
      noncurrent_days = var.old_version_transition_days
      storage_class   = "STANDARD_IA"
    }

    noncurrent_version_expiration {
      noncurrent_days = var.old_version_expiration_days
    }
  }

  depends_on = [aws_s3_bucket_versioning.cloudfront_logs]
}

resource "aws_s3_bucket_policy" "protected" {
  bucket = aws_s3_bucket.protected.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AllowCloudFrontOriginAccessIdentityMpf"
        Effect = "Allow"
        Principal = {
          AWS = aws_cloudfront_origin_access_identity.mpf.iam_arn
        }
        Action   = "s3:GetObject"
        Resource = "${aws_s3_bucket.protected.arn}/*"
      },
    ]
  })

  depends_on = [aws_s3_bucket_public_access_block.protected]
}

resource "aws_s3_bucket_policy" "public" {
  bucket = aws_s3_bucket.public.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AllowCloudFrontOriginAccessIdentityMpf"
        Effect = "Allow"
        Principal = {
          AWS = aws_cloudfront_origin_access_identity.mpf.iam_arn
        }
        Action   = "s3:GetObject"
        Resource = "${aws_s3_bucket.public.arn}/*"
      },
    ]
  })

  depends_on = [aws_s3_bucket_public_access_block.public]
}

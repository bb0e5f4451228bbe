# S3 buckets, databases, caches and DynamoDB tables

resource "aws_db_instance" "app" {
  identifier          = "app"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  storage_encrypted   = true
  username            = var.db_user
  password            = var.db_password
  skip_final_snapshot = true
}

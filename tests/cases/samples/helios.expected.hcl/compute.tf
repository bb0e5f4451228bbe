# EC2 instances, volumes, key pairs, launch templates, autoscaling, ECS, Lambda and Elastic Beanstalk

resource "aws_key_pair" "helios" {
  key_name   = var.key_pair_name
  public_key = var.helios_public_key
}

# AMI of instance `helios`, from a public SSM parameter
data "aws_ssm_parameter" "helios_ami" {
  name = "/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2"
}

resource "aws_instance" "helios" {
  ami                    = data.aws_ssm_parameter.helios_ami.insecure_value
  instance_type          = "t2.micro"
  vpc_security_group_ids = [aws_security_group.helios.id]
  key_name               = aws_key_pair.helios.key_name

  root_block_device {
    volume_size = 8
  }

  tags = {
    Name = "helios"
  }
}

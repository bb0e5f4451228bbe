# EC2 instances, volumes, key pairs, launch templates, autoscaling, ECS, Lambda and Elastic Beanstalk

resource "aws_key_pair" "mpf" {
  key_name   = var.key_pair_name
  public_key = var.mpf_public_key
}

resource "aws_launch_template" "mpf" {
  name                   = "mpf"
  description            = "MPF server: AMI from AmiSetup.txt, cloud-init in User Data"
  image_id               = var.server_ami
  instance_type          = var.server_instance_type
  key_name               = aws_key_pair.mpf.key_name
  vpc_security_group_ids = [aws_security_group.servers.id]
  user_data              = base64encode(var.server_user_data)
  update_default_version = true

  iam_instance_profile {
    arn = aws_iam_instance_profile.mpfserver.arn
  }

  monitoring {
    enabled = true
  }
}

resource "aws_autoscaling_group" "foh" {
  name                = "FOH"
  min_size            = var.asg_min_size
  max_size            = var.asg_max_size
  vpc_zone_identifier = [aws_subnet.public_a.id, aws_subnet.public_b.id]
  target_group_arns   = [aws_lb_target_group.foh.arn]

  mixed_instances_policy {
    instances_distribution {
      on_demand_base_capacity                  = 1
      on_demand_percentage_above_base_capacity = var.on_demand_percentage
    }

    launch_template {
      launch_template_specification {
        launch_template_id = aws_launch_template.mpf.id
        version            = "$Default"
      }

      override {
        instance_type = var.server_instance_type
      }
    }
  }

  tag {
    key                 = "mpf_profile"
    value               = "FOH"
    propagate_at_launch = true
  }
}

resource "aws_autoscaling_group" "boh" {
  name                = "BOH"
  min_size            = var.asg_min_size
  max_size            = var.asg_max_size
  vpc_zone_identifier = [aws_subnet.public_a.id, aws_subnet.public_b.id]
  target_group_arns   = [aws_lb_target_group.boh.arn]

  mixed_instances_policy {
    instances_distribution {
      on_demand_base_capacity                  = 1
      on_demand_percentage_above_base_capacity = var.on_demand_percentage
    }

    launch_template {
      launch_template_specification {
        launch_template_id = aws_launch_template.mpf.id
        version            = "$Default"
      }

      override {
        instance_type = var.server_instance_type
      }
    }
  }

  tag {
    key                 = "mpf_profile"
    value               = "BOH"
    propagate_at_launch = true
  }
}

resource "aws_autoscaling_group" "ft" {
  name                = "FT"
  min_size            = var.asg_min_size
  max_size            = var.asg_max_size
  vpc_zone_identifier = [aws_subnet.public_a.id, aws_subnet.public_b.id]
  target_group_arns   = [aws_lb_target_group.ft.arn]

  mixed_instances_policy {
    instances_distribution {
      on_demand_base_capacity                  = 1
      on_demand_percentage_above_base_capacity = var.on_demand_percentage
    }

    launch_template {
      launch_template_specification {
        launch_template_id = aws_launch_template.mpf.id
        version            = "$Default"
      }

      override {
        instance_type = var.server_instance_type
      }
    }
  }

  tag {
    key                 = "mpf_profile"
    value               = "FT"
    propagate_at_launch = true
  }
}

resource "aws_instance" "dev" {
  subnet_id              = aws_subnet.public_a.id
  vpc_security_group_ids = [aws_security_group.dev_servers.id]

  launch_template {
    id      = aws_launch_template.mpf.id
    version = "$Default"
  }

  tags = {
    Name = "dev"
  }
}

project     = "vigil"
environment = "prod"

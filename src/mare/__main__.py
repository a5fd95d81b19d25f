from mare.cli.main import app

app(prog_name="mare")

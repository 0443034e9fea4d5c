using NonCoopBot.App.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddNonCoopBot();

var app = builder.Build();
app.MapNonCoopBot();
app.Run();

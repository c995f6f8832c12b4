using Parley;

var app = ParleyApp.Build(args);
app.Run();

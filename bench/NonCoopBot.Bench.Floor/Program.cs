using System.Net.Http.Json;
using System.Text.Json;
using NonCoopBot.Protocol.Schema;

// The floor: parse the activity, post one reply to its serviceUrl, answer 200. No authentication, storage,
// routing or logging: what any bot on ASP.NET Core costs at least. Listens where ASPNETCORE_URLS says.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddHttpClient("connector");
builder.Services.AddHealthChecks();

var app = builder.Build();
app.MapHealthChecks("/health/ready");
app.MapPost("/api/messages", async (HttpRequest request, IHttpClientFactory clients, CancellationToken cancellationToken) =>
{
    var activity = await JsonSerializer.DeserializeAsync(request.Body, ProtocolJsonContext.Default.Activity, cancellationToken);
    if (activity?.ServiceUrl is null || activity.Conversation?.Id is null || activity.Id is null)
    {
        return Results.BadRequest();
    }

    var reply = new Activity
    {
        Type = ActivityTypes.Message,
        Conversation = activity.Conversation,
        From = activity.Recipient,
        Recipient = activity.From,
        ReplyToId = activity.Id,
        Text = "NonCoopBot floor reply.",
    };
    var url = $"{activity.ServiceUrl.TrimEnd('/')}/v3/conversations/{Uri.EscapeDataString(activity.Conversation.Id)}/activities/{Uri.EscapeDataString(activity.Id)}";
    using var response = await clients.CreateClient("connector").PostAsJsonAsync(url, reply, ProtocolJsonContext.Default.Activity, cancellationToken);
    response.EnsureSuccessStatusCode();
    return Results.Ok();
});
app.Run();

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NonCoopBot.App.Features;
using NonCoopBot.App.Features.Alerts;
using NonCoopBot.App.Tests.Alerts;
using NonCoopBot.Domain.Alerts;

namespace NonCoopBot.App.Tests.Aot;

/// <summary>
/// Card JSON sent to Teams pinned to the text the code wrote before its arrays took <see cref="JsonNode"/>s (instead of
/// <c>JsonArray.Add&lt;JsonObject&gt;</c>, which is not AOT-safe): the alert tracker's data with its member rows.
/// </summary>
public sealed class CardJsonPinTests
{
    [Fact]
    public void AlertTrackerData_IsAsBefore()
    {
        var roster = AlertHarness.SampleRoster();
        var created = new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
        var alert = new AlertRecord("A-1", "NC-2026-001", "openedWithPresidentAction", "Urgent7B",
            new JsonObject { ["matter"] = new JsonObject { ["reference"] = "ICC-01/09 <x>", ["requestedState"] = "KEN" } },
            created, 3, created.AddMinutes(4), null, null);
        var members = roster.Members.Take(3).ToList();
        var rows = members.Select((m, i) => new DeliveryRow(i + 1, "A-1", m.Id, "aad-" + i, i == 2 ? "blocked" : "delivered", 1, 201, "act-" + i,
            "a:conv-" + i, "https://smba.example/", created.AddSeconds(5), i == 0 ? created.AddMinutes(4) : null, 0)).ToList();

        var json = AlertCards.TrackerData(alert, rows, roster, created.AddMinutes(10), NonCoopBotRoutes.Texts, "fr").ToJsonString();

        Assert.Equal(3, JsonNode.Parse(json)!["members"]!.AsArray().Count);
        Assert.Equal("3D5885700E661E042D42EC52FF26BF506BA230BF3E7F4BCAB3F9F08E3DAFDD98", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json))));
    }
}

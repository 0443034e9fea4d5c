using NonCoopBot.Domain.Members;
using NonCoopBot.Domain.States;

namespace NonCoopBot.Domain.Tests.Members;

/// <summary>
/// The roster file's text, pinned byte for byte (roster files and the roster history rows hold it): what
/// <see cref="RosterFile.Serialize"/> writes, and the forgiving reading (any casing, comments, trailing commas).
/// </summary>
public sealed class RosterFileJsonTests
{
    private static Roster Sample(string? acting) => new(
        [
            new BureauMember("m-ken", "Ambassador Ké \"K\" <Nairobi> & Co", "KEN", RegionalGroup.African, "aad-1", "ken@example.org", "Africa/Nairobi",
                PreferredLanguage.French, BureauRole.VicePresident, IsFocalPoint: true),
            new BureauMember("m-fra", "Ambassador F", "FRA", RegionalGroup.WesternEuropeanAndOther, "aad-2", "fra@example.org", "Europe/Paris",
                PreferredLanguage.Spanish, BureauRole.President),
        ],
        [new SecretariatStaff("s-1", "Secretariat 'One'", "aad-3", "s1@example.org")],
        acting);

    // Written by the code before source generation (reflection metadata); do not regenerate.
    private const string Pinned =
        """
        {
          "schemaVersion": 1,
          "actingPresidentMemberId": "m-ken",
          "members": [
            {
              "id": "m-ken",
              "displayName": "Ambassador K\u00E9 \u0022K\u0022 \u003CNairobi\u003E \u0026 Co",
              "stateCode": "KEN",
              "regionalGroup": "African",
              "aadObjectId": "aad-1",
              "mailbox": "ken@example.org",
              "timeZone": "Africa/Nairobi",
              "preferredLanguage": "fr",
              "role": "VicePresident",
              "focalPoint": true
            },
            {
              "id": "m-fra",
              "displayName": "Ambassador F",
              "stateCode": "FRA",
              "regionalGroup": "WesternEuropeanAndOther",
              "aadObjectId": "aad-2",
              "mailbox": "fra@example.org",
              "timeZone": "Europe/Paris",
              "preferredLanguage": "es",
              "role": "President",
              "focalPoint": false
            }
          ],
          "secretariat": [
            {
              "id": "s-1",
              "name": "Secretariat \u0027One\u0027",
              "aadObjectId": "aad-3",
              "mailbox": "s1@example.org"
            }
          ]
        }
        """;

    [Fact]
    public void Serialize_writes_the_pinned_text()
    {
        Assert.Equal(Pinned.ReplaceLineEndings("\n"), RosterFile.Serialize(Sample("m-ken")).ReplaceLineEndings("\n"));
        Assert.Equal(Environment.NewLine, RosterFile.Serialize(Sample("m-ken"))[1..(1 + Environment.NewLine.Length)]);
    }

    [Fact]
    public void Serialize_leaves_out_a_missing_acting_president()
    {
        var json = RosterFile.Serialize(Sample(null));

        Assert.StartsWith("{" + Environment.NewLine + "  \"schemaVersion\": 1," + Environment.NewLine + "  \"members\": [", json, StringComparison.Ordinal);
        Assert.DoesNotContain("actingPresidentMemberId", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pinned_text_reads_back_as_the_roster()
    {
        var roster = RosterFile.Parse(Pinned, TestData.States);

        Assert.Equal(Sample("m-ken").Members, roster.Members);
        Assert.Equal(Sample("m-ken").Secretariat, roster.Secretariat);
        Assert.Equal("m-ken", roster.ActingPresidentMemberId);
    }

    [Fact]
    public void Reading_accepts_any_casing_comments_and_trailing_commas()
    {
        const string json = """
            {
              // a comment
              "SchemaVersion": 1, /* another */
              "ACTINGPRESIDENTMEMBERID": null,
              "Members": [
                { "ID": "m-ken", "DisplayName": "A", "statecode": "ken", "AadObjectId": "x", "MAILBOX": "k@example.org",
                  "TimeZone": "Africa/Nairobi", "PreferredLanguage": "fr", "Role": "member", "FocalPoint": true, },
              ],
              "secretariat": [],
            }
            """;

        var member = Assert.Single(RosterFile.Parse(json, TestData.States).Members);

        Assert.Equal(new BureauMember("m-ken", "A", "KEN", RegionalGroup.African, "x", "k@example.org", "Africa/Nairobi", PreferredLanguage.French, BureauRole.Member, true), member);
    }
}

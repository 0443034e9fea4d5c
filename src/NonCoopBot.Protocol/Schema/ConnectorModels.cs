using System.Text.Json;
using System.Text.Json.Serialization;

namespace NonCoopBot.Protocol.Schema;

/// <summary>A conversation member as Teams returns it (members and pagedmembers). Unknown fields are kept.</summary>
public sealed class TeamsChannelAccount
{
    /// <summary>The Teams user id (<c>29:…</c>), unique per bot.</summary>
    public string? Id { get; set; }
    /// <summary>The display name.</summary>
    public string? Name { get; set; }
    /// <summary>The user's Entra object id.</summary>
    public string? AadObjectId { get; set; }
    /// <summary>The user's email, when Teams sends it.</summary>
    public string? Email { get; set; }
    /// <summary>The user's UPN, when Teams sends it.</summary>
    public string? UserPrincipalName { get; set; }
    /// <summary>The given name.</summary>
    public string? GivenName { get; set; }
    /// <summary>The surname.</summary>
    public string? Surname { get; set; }
    /// <summary>The user's tenant.</summary>
    public string? TenantId { get; set; }
    /// <summary>The user's role, e.g. <c>user</c>, <c>guest</c>.</summary>
    public string? UserRole { get; set; }

    /// <summary>Properties this model does not type, kept verbatim.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>One page of <c>GET v3/conversations/{id}/pagedmembers</c>.</summary>
public sealed class PagedMembersResult
{
    /// <summary>Pass this to get the next page; null on the last page.</summary>
    public string? ContinuationToken { get; set; }
    /// <summary>The members on this page.</summary>
    public List<TeamsChannelAccount> Members { get; set; } = [];
}

/// <summary>The body of <c>POST v3/conversations</c>.</summary>
public sealed class ConversationParameters
{
    /// <summary>The bot account (<c>28:{appId}</c>).</summary>
    public ChannelAccount? Bot { get; set; }
    /// <summary>False for a 1:1 conversation.</summary>
    public bool IsGroup { get; set; }
    /// <summary>The tenant of the member.</summary>
    public string? TenantId { get; set; }
    /// <summary>The members: one for a 1:1 (Teams user id <c>29:…</c> or the Entra object id as <c>id</c>).</summary>
    public List<ChannelAccount> Members { get; set; } = [];
    /// <summary>Optional channel data.</summary>
    public JsonElement? ChannelData { get; set; }
}

/// <summary>The answer to <c>POST v3/conversations</c>.</summary>
public sealed class ConversationResourceResponse
{
    /// <summary>The conversation id (<c>a:…</c> for a 1:1).</summary>
    public string? Id { get; set; }
    /// <summary>The id of the first activity, when one was sent.</summary>
    public string? ActivityId { get; set; }
    /// <summary>The serviceUrl to use for the conversation, when the connector says.</summary>
    public string? ServiceUrl { get; set; }
}

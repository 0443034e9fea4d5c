namespace NonCoopBot.Domain.Members;

/// <summary>Staff of the Secretariat of the Assembly (keeps the roster, issues press releases, exports the record).</summary>
public sealed record SecretariatStaff(string Id, string Name, string AadObjectId, string Mailbox);

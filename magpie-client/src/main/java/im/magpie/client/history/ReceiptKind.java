package im.magpie.client.history;

/** What a receipt confirms: the messages reached the reader's device, or the reader read them. */
public enum ReceiptKind {
  DELIVERED,
  READ
}

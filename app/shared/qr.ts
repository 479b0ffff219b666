import QRCode from 'qrcode'

/** An inline SVG QR code (for verification links printed on attestations). */
export function qrSvg(text: string) {
  return QRCode.toString(text, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' })
}

/** Fixed numbers of the ZIP format (APPNOTE.TXT), shared by the archive reader and writer. */
export const LOCAL_SIGNATURE = 0x04034b50;
export const CENTRAL_SIGNATURE = 0x02014b50;
export const EOCD_SIGNATURE = 0x06054b50;
export const LOCAL_HEADER_SIZE = 30;
export const CENTRAL_HEADER_SIZE = 46;
export const EOCD_SIZE = 22;
export const FLAG_UTF8_NAME = 0x0800;

// libxlsxwriter (Debian libxlsxwriter-dev), for the XLSX exports.
#include <xlsxwriter.h>

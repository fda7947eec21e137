#ifndef SHIPNOTES_LIBCURL_LOADER_H
#define SHIPNOTES_LIBCURL_LOADER_H

/// libcurl's own definition of the function `name`, loading libcurl on the first call (see
/// libcurl_loader.c). Never NULL: when libcurl cannot be loaded the process ends with a one-line
/// error, because URLSession has no way to report that a transfer cannot even start.
void *shipnotes_libcurl_function(const char *name);

#endif

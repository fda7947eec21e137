#ifndef SHIPNOTES_CCURLUPLOADBUFFER_H
#define SHIPNOTES_CCURLUPLOADBUFFER_H

/// The upload buffer, in bytes, that every libcurl transfer made by this process with a request
/// body gets (libcurl's default is 64 KiB). 0 where libcurl is not what URLSession uses.
long shipnotes_curl_upload_buffer_size(void);

/// How many transfers with a request body have been given that buffer so far.
long shipnotes_curl_upload_buffers_set(void);

/// How many times a socket's readiness sources were rebuilt because libcurl asked for less than
/// URLSession watched (see socket_interest.c); 0 where libcurl is not what URLSession uses.
long shipnotes_curl_socket_interest_narrowings(void);

#endif
